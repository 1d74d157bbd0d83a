#include "util/MessageBox.h"

#include <QAbstractButton>

namespace gdbm::ui {
namespace {

bool g_testMode = false;
QList<QMessageBox::StandardButton> g_nextAnswers;
QString g_lastText;
QString g_lastTitle;
int g_shown = 0;

} // namespace

QMessageBox::StandardButton MessageBox::show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                             const QString& text, QMessageBox::StandardButtons buttons,
                                             QMessageBox::StandardButton defaultButton)
{
    g_lastText = text;
    g_lastTitle = title;
    ++g_shown;
    if (g_testMode) {
        return g_nextAnswers.isEmpty() ? defaultButton : g_nextAnswers.takeFirst();
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    // Keys for the choices of the unsaved-changes question (Enter saves, Esc cancels): Alt+S,
    // and Alt+D, the only way to discard without the mouse or Tab.
    if (QAbstractButton* save = box.button(QMessageBox::Save))
        save->setText(QMessageBox::tr("&Save"));
    if (QAbstractButton* discard = box.button(QMessageBox::Discard))
        discard->setText(QMessageBox::tr("&Discard"));
    return QMessageBox::StandardButton(box.exec());
}

QMessageBox::StandardButton MessageBox::critical(QWidget* parent, const QString& title, const QString& text)
{
    return show(parent, QMessageBox::Critical, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

QMessageBox::StandardButton MessageBox::warning(QWidget* parent, const QString& title, const QString& text)
{
    return show(parent, QMessageBox::Warning, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

QMessageBox::StandardButton MessageBox::information(QWidget* parent, const QString& title,
                                                    const QString& text)
{
    return show(parent, QMessageBox::Information, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

QMessageBox::StandardButton MessageBox::question(QWidget* parent, const QString& title, const QString& text,
                                                 QMessageBox::StandardButtons buttons,
                                                 QMessageBox::StandardButton defaultButton)
{
    return show(parent, QMessageBox::Question, title, text, buttons, defaultButton);
}

void MessageBox::setTestMode(bool on)
{
    g_testMode = on;
}

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer)
{
    g_nextAnswers = {answer};
}

void MessageBox::setNextAnswers(const QList<QMessageBox::StandardButton>& answers)
{
    g_nextAnswers = answers;
}

QString MessageBox::lastText()
{
    return g_lastText;
}

QString MessageBox::lastTitle()
{
    return g_lastTitle;
}

int MessageBox::shownCount()
{
    return g_shown;
}

} // namespace gdbm::ui
